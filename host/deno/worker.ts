/**
 * The worker thread that runs a guest under supervision (see
 * `runtime/sandbox/supervisor.ts`), with the permissions `supervise.ts` gave it.
 *
 * @module
 */

import { runJob } from "../../runtime/sandbox/job.ts";
import { serveJob } from "../../runtime/sandbox/supervisor.ts";
import { denoHost } from "./host.ts";

serveJob(self as unknown as Parameters<typeof serveJob>[0], (job) => runJob(denoHost, job));
