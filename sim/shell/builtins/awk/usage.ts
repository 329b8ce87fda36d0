/** mawk 1.3.4's usage, printed (exit 0) when it is given no program; recorded on the reference system. */
export const AWK_USAGE =
  "Usage: mawk [Options] [Program] [file ...]\n" +
  "\n" +
  "Program:\n" +
  "    The -f option value is the name of a file containing program text.\n" +
  "    If no -f option is given, a \"--\" ends option processing; the following\n" +
  "    parameters are the program text.\n" +
  "\n" +
  "Options:\n" +
  "    -f program-file  Program  text is read from file instead of from the\n" +
  "                     command-line.  Multiple -f options are accepted.\n" +
  "    -F value         sets the field separator, FS, to value.\n" +
  "    -v var=value     assigns value to program variable var.\n" +
  "    --               unambiguous end of options.\n" +
  "\n" +
  "    Implementation-specific options are prefixed with \"-W\".  They can be\n" +
  "    abbreviated:\n" +
  "\n" +
  "    -W version       show version information and exit.\n" +
  "    -W dump          show assembler-like listing of program and exit.\n" +
  "    -W help          show this message and exit.\n" +
  "    -W interactive   set unbuffered output, line-buffered input.\n" +
  "    -W exec file     use file as program as well as last option.\n" +
  "    -W random=number set initial random seed.\n" +
  "    -W sprintf=number adjust size of sprintf buffer.\n" +
  "    -W posix_space   do not consider \"\\n\" a space.\n" +
  "    -W usage         show this message and exit.\n";
