// hammerjs 2.0 (no @types installed); the viewer only hands the constructor to cornerstone-tools.
declare module 'hammerjs' {
  const Hammer: new (element: HTMLElement, options?: Record<string, unknown>) => unknown;
  export = Hammer;
}
