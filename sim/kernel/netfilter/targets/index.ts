/** Loads every target module (each registers itself with ext.ts). */
import './reject.ts';
import './log.ts';
import './nat.ts';
import './mark.ts';
