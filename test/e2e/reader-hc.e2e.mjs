// The reader scenario (reader-scenario.mjs) in the "Default High Contrast" colour theme.
import { readerTests } from './reader-scenario.mjs';

export const options = { theme: 'Default High Contrast' };
export const tests = readerTests();
