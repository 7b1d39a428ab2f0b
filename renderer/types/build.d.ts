/** Names this renderer build (electron.vite.config.ts `define`): what the slide-fit memo is valid for. */
declare const __BOARDPREP_BUILD__: string;
