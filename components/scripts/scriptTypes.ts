// What the scripts router answers, as the browser sees it (types only: no server code is bundled).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["scripts"];
export type ScriptDetailData = Outputs["get"];
export type ScriptVersionData = ScriptDetailData["versions"][number];
export type ScriptSummaryData = Outputs["list"][number];
