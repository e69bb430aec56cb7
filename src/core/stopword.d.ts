/** The part of the `stopword` package (3.x, MIT) that the core uses: its stop-word lists, by ISO 639-3 code. */
declare module 'stopword' {
  export const ara: readonly string[];
  export const deu: readonly string[];
  export const eng: readonly string[];
  export const fra: readonly string[];
  export const jpn: readonly string[];
  export const rus: readonly string[];
  export const spa: readonly string[];
  export const zho: readonly string[];
}
