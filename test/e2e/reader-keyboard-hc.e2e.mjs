// The keyboard-only reader scenario (keyboard-scenario.mjs) in the "Default High Contrast" (dark) colour theme.
import { keyboardTests } from './keyboard-scenario.mjs';

export const options = { theme: 'Default High Contrast' };
export const tests = keyboardTests();
