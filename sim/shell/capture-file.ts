/**
 * The file record-real sends every scenario line to (`bash -c LINE >"$tmp" 2>&1`): one inode,
 * truncated when each line starts and read when it ends. A line's stdout and stderr share one
 * open file description, and so do the background jobs it starts; a description keeps its
 * offset after the file is truncated under it. So a server started with `&` on one line and
 * printing later writes into a later line's output, at the offset it had reached (with NULs
 * before it when the file is now shorter), exactly where the real transcript shows it.
 */
export class CaptureFile {
  private content = '';

  /** `>` at the start of a line: empty the file and open a new description at offset 0. */
  openTruncated(): FileDescription {
    this.content = '';
    return new FileDescription(this);
  }

  /** What `cat "$tmp"` prints when the line is over. */
  read(): string {
    return this.content;
  }

  /** pwrite() semantics: overwrite at `pos`, extending (with NULs for a hole) as needed. */
  writeAt(pos: number, text: string): void {
    const head = this.content.length < pos ? this.content + '\0'.repeat(pos - this.content.length) : this.content.slice(0, pos);
    this.content = head + text + this.content.slice(pos + text.length);
  }
}

/** An open file description on a CaptureFile: its own offset, shared by every fd dup'ed from it. */
export class FileDescription {
  private pos = 0;
  constructor(private readonly file: CaptureFile) {}

  write(text: string): void {
    this.file.writeAt(this.pos, text);
    this.pos += text.length;
  }
}
