// Type definitions for Bun's globals, so `deno check` can check the Bun servers.
/// <reference types="npm:bun-types" />
