/**
 * Whether every character is ASCII: the common case, which skips Unicode work. These loops beat
 * regular expressions on the short strings they see, once per account.
 */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Whether the text is made of ASCII digits only. */
export function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return text.length > 0;
}
