// HTTP/1.0 allows a request without a Host header (Node refuses only HTTP/1.1 ones). The studio's
// sign-in library cannot tell its own origin without one and throws, which Next turns into a 500;
// answer such a request once, here, for the studio and the API alike.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors/appError";
import { PROBLEM_CONTENT_TYPE, problemOf } from "./problem";

/** Answers 400 BAD_REQUEST and returns true when the request names no host. */
export function refuseWithoutHost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host?.trim()) return false;
  const error = new AppError("BAD_REQUEST", { detail: "The request has no Host header." });
  res.writeHead(error.status, { "content-type": PROBLEM_CONTENT_TYPE, connection: "close" });
  res.end(JSON.stringify(problemOf(error)));
  return true;
}
