/**
 * Writes the "policy" block of src/sim/scenario.schema.json from the policy definitions
 * (src/policies): each policy's fields and defaults are stated once, in its own file.
 * Run: npx tsx scripts/make-schema.ts. test/sim/policies.test.ts fails when the file is stale.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { writeFileAtomic } from "../cli/files";
import { policySchema } from "../src/policies";

export const SCHEMA_FILE = join(__dirname, "..", "src", "sim", "scenario.schema.json");
export const POLICY_COMMENT = "Built from src/policies by scripts/make-schema.ts: edit the policy files, then run it.";

const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
schema.definitions.policy = { $comment: POLICY_COMMENT, ...policySchema() };
writeFileAtomic(SCHEMA_FILE, JSON.stringify(schema, null, 2) + "\n");
console.log(`wrote ${SCHEMA_FILE}`);
