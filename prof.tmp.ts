import { compileFlow } from "./flows/compile/compileFlow";
import { validateFlow } from "./flows/validate/validateFlow";
import { generatedFlowOfSize } from "./flows/testing/arbitraryFlow";
const doc = generatedFlowOfSize(10000);
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  validateFlow(doc);
  const v = performance.now() - t;
  const t2 = performance.now();
  compileFlow(doc);
  console.log("validate", v.toFixed(0), "compile", (performance.now() - t2).toFixed(0));
}
