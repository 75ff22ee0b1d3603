// Vite turns an imported sound into the URL of the file it emits beside the built wall.
declare module '*.wav' {
  const url: string;
  export default url;
}
