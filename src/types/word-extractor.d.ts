/** The part of word-extractor's API this app uses (the package ships no types). */
declare module 'word-extractor' {
  interface WordDocument {
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    // a Node Buffer (a Uint8Array); any other value is taken as a file name
    extract(source: string | Uint8Array): Promise<WordDocument>;
  }
}
