/**
 * TextDecoder and TextEncoder exist in every runtime core runs in (the page, Node, the parser process) but are
 * declared by the DOM and Node type libraries, which core's own check includes neither of (tsconfig.core.json). The
 * members core uses, as the WHATWG Encoding standard defines them.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
