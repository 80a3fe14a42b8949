/// <reference path="./types.d.ts" />
/**
 * The worker thread that runs a guest under supervision (see
 * `runtime/sandbox/supervisor.ts`).
 *
 * @module
 */

import { runJob } from "../../runtime/sandbox/job.ts";
import { serveJob } from "../../runtime/sandbox/supervisor.ts";
import { bunHost } from "./host.ts";

serveJob(self as unknown as Parameters<typeof serveJob>[0], (job) => runJob(bunHost, job));
