import type { ComplianceRules } from "../schema/policyDocument";
import type { LintScriptOptions } from "./lintScript";

/**
 * The lint options a workspace's compliance rules (`compliance` of its policy document) stand for: the
 * studio's editor and the submission check both lint with these, so what the editor shows is what
 * submission refuses. Without rules, the built-in ones apply (the SMS opt-out words, warnings on length).
 */
export function complianceLintOptions(
  rules: ComplianceRules | undefined,
): Pick<LintScriptOptions, "forbiddenPhrases" | "requiredDisclosures" | "lengthLimits"> {
  if (!rules) return {};
  return {
    forbiddenPhrases: rules.forbiddenPhrases,
    requiredDisclosures: rules.requiredDisclosures,
    lengthLimits: rules.lengthLimits,
  };
}
