/** MiniSearch's radix tree (`minisearch/SearchableMap` in the package's exports), typed from its declaration file. */
declare module 'minisearch/SearchableMap' {
  import SearchableMap from 'minisearch/dist/es/SearchableMap';
  // eslint-disable-next-line no-restricted-syntax -- declares the package's own default export
  export default SearchableMap;
}
