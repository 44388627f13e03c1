/**
 * What the CLI prints. Windows PowerShell 5.1 decodes a program's output with the console code page (936 on a Chinese
 * Windows), so UTF-8 Chinese arrives garbled in a pipe or a variable; `--ascii` prints every character outside ASCII
 * as a JSON `\uXXXX` escape (in JSON output still valid JSON that any parser turns back into the same text).
 */
export function asciiSafe(text: string): string {
  return text.replace(/[^\n\r\t\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface OutputOptions {
  json: boolean;
  ascii: boolean;
}

export function formatOutput(value: unknown, options: OutputOptions, human: () => string): string {
  const text = options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`;
  return options.ascii ? asciiSafe(text) : text;
}
