// node --test scripts/kubernetes-manifests.test.mjs: the manifests in deploy/kubernetes pass the
// offline check, and copies of them broken in one place each fail it, naming what broke.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkFolder } from "./kubernetes-manifests.mjs";

const manifests = path.join(import.meta.dirname, "..", "deploy", "kubernetes");

/** The problems found in a copy of deploy/kubernetes whose file has its first `from` replaced by `to`. */
async function problemsAfter(file, from, to) {
  const folder = await mkdtemp(path.join(tmpdir(), "manifests-"));
  try {
    await cp(manifests, folder, { recursive: true });
    const text = await readFile(path.join(folder, file), "utf8").catch(() => "");
    assert.ok(from === "" || text.includes(from), `${file} no longer holds ${JSON.stringify(from)}: update this test`);
    await writeFile(path.join(folder, file), text.replace(from, to));
    return await checkFolder(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test("checkFolder_DeployKubernetes_FindsNoProblem", async () => {
  assert.deepEqual(await checkFolder(manifests), []);
});

const broken = [
  ["a count as a word", "tariff.yaml", "replicas: 2", "replicas: two", /Deployment\/tariff: .*spec\/replicas must be integer/],
  ["a container without its name", "negotiation.yaml", "- name: negotiation\n", "- ", /Deployment\/negotiation: .*must have required property name/],
  ["a misspelt field", "tariff.yaml", "livenessProbe:", "livenessprobe:", /Deployment\/tariff: unknown field spec\.template\.spec\.containers\.0\.livenessprobe$/],
  ["a misplaced field", "negotiation.yaml", "    service: liveness", "  service: liveness", /unknown field spec\.template\.spec\.containers\.0\.livenessProbe\.service$/],
  ["a gRPC probe on a named port", "tariff.yaml", "grpc:\n              port: 5101", "grpc:\n              port: grpc", /grpc\/port must be integer/],
  ["an unknown kind", "tariff.yaml", "kind: PodDisruptionBudget", "kind: PodDisruptionBudgets", /no Kubernetes schema for apiVersion policy\/v1, kind PodDisruptionBudgets/],
  ["a key given twice", "config.yaml", "\ndata:\n", "\ndata:\n  Storage__Provider: Sqlite\n", /config\.yaml \(document 1\): Map keys must be unique/],
  ["a Service that selects nothing", "negotiation.yaml", "clusterIP: None\n  selector:\n    app.kubernetes.io/name: negotiation", "clusterIP: None\n  selector:\n    app.kubernetes.io/name: negotiaton", /Service\/negotiation: its selector matches no Deployment's pods/],
  ["a secret no manifest defines", "tariff.yaml", "secretName: tariff-tls", "secretName: tariff-certs", /Deployment\/tariff: reads Secret\/tariff-certs, which no manifest defines/],
  ["a manifest kustomization.yaml leaves out", "extra.yaml", "", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n", /kustomization\.yaml: does not list extra\.yaml/],
];

for (const [what, file, from, to, expected] of broken) {
  test(`checkFolder_${what.replaceAll(" ", "_")}_Fails`, async () => {
    const problems = await problemsAfter(file, from, to);
    assert.ok(problems.some((p) => expected.test(p)), `expected ${expected} among:\n${problems.join("\n")}`);
  });
}
