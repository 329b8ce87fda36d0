/** strerror(3) texts for the errnos the file system gives. */
import { STRERROR, type Errno } from '../kernel/errno.ts';

export const strerror = (e: Errno): string => STRERROR[e];
