// The reader scenario (reader-scenario.mjs) in the "Default Light Modern" colour theme.
import { readerTests } from './reader-scenario.mjs';

export const options = { theme: 'Default Light Modern' };
export const tests = readerTests();
