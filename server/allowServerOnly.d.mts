// Types for allowServerOnly.mjs: it exports nothing; importing it registers the resolve hook.
export {};
