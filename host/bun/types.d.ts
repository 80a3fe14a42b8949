// Type definitions for Bun's globals, so `deno check` can check host/bun/.
/// <reference types="npm:bun-types" />
