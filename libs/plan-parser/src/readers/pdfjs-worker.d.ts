// pdfjs-dist types its API but not the worker module, which the reader loads into this thread.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
