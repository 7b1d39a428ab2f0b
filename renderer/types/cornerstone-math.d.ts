// cornerstone-math 0.1 ships no types; the viewer only hands the module to cornerstone-tools.
declare module 'cornerstone-math' {
  const cornerstoneMath: Record<string, unknown>;
  export = cornerstoneMath;
}
