// Checks Kubernetes manifests offline, as the API server would read them, with no cluster:
//   node scripts/kubernetes-manifests.mjs [FOLDER]      (deploy/kubernetes by default)
// Every document of every *.yaml file is validated against the Kubernetes schema of its kind
// (kubernetes-models), and any field that schema does not know fails too: the schemas accept
// unknown fields, which the API server drops with a warning, so a misspelt `livenessprobe` would
// otherwise pass unseen. Then what ties the objects together: each Deployment's selector matches its
// pods, each Service and PodDisruptionBudget selects some Deployment's pods, each ConfigMap and
// Secret a pod reads is defined, and kustomization.yaml lists every manifest but *.example.yaml
// (those hold placeholders and are applied by hand), once every object is valid on its own.
// Exits 1 with one line per problem.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseAllDocuments } from "yaml";

const kustomization = "kustomization.yaml";

/** The kubernetes-models class of apiVersion and kind, or null when there is none. */
async function modelOf(apiVersion, kind) {
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion ?? "") || !/^[A-Za-z0-9]+$/.test(kind ?? "")) {
    return null;
  }
  try {
    return (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind] ?? null;
  } catch {
    return null;
  }
}

/** The schema's complaint about data, or null when it is valid. */
function schemaError(Model, data) {
  try {
    new Model(data).validate();
    return null;
  } catch (error) {
    return error.message;
  }
}

/**
 * The paths of the fields the schema does not know. A known field has a type, and an array of an
 * empty array is of no type any Kubernetes field takes; put in an unknown field's place, it passes.
 */
function unknownFields(Model, document) {
  const unknown = [];
  const visit = (node, trail) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...trail, index]));
      return;
    }
    if (node === null || typeof node !== "object") {
      return;
    }
    for (const key of Object.keys(node)) {
      const probe = structuredClone(document);
      trail.reduce((parent, step) => parent[step], probe)[key] = [[]];
      if (schemaError(Model, probe) === null) {
        unknown.push([...trail, key].join("."));
      } else {
        visit(node[key], [...trail, key]);
      }
    }
  };
  visit(document, []);
  return unknown;
}

const matches = (selector, labels) =>
  Object.entries(selector ?? {}).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** Problems of the objects together: selectors that select nothing, references to objects not defined. */
function crossChecks(objects) {
  const problems = [];
  const deployments = objects.filter((o) => o.kind === "Deployment");
  const defined = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
  for (const deployment of deployments) {
    const name = `Deployment/${deployment.metadata?.name}`;
    const pod = deployment.spec?.template;
    if (!matches(deployment.spec?.selector?.matchLabels, pod?.metadata?.labels)) {
      problems.push(`${name}: spec.selector.matchLabels does not match the pod template's labels`);
    }
    const references = [
      ...(pod?.spec?.containers ?? []).flatMap((c) => [
        ...(c.envFrom ?? []).flatMap((e) => [e.configMapRef && `ConfigMap/${e.configMapRef.name}`, e.secretRef && `Secret/${e.secretRef.name}`]),
        ...(c.env ?? []).flatMap((e) => [
          e.valueFrom?.configMapKeyRef && `ConfigMap/${e.valueFrom.configMapKeyRef.name}`,
          e.valueFrom?.secretKeyRef && `Secret/${e.valueFrom.secretKeyRef.name}`,
        ]),
      ]),
      ...(pod?.spec?.volumes ?? []).flatMap((v) => [v.secret && `Secret/${v.secret.secretName}`, v.configMap && `ConfigMap/${v.configMap.name}`]),
    ].filter(Boolean);
    for (const reference of new Set(references)) {
      if (!defined.has(reference)) {
        problems.push(`${name}: reads ${reference}, which no manifest defines`);
      }
    }
  }
  for (const object of objects.filter((o) => o.kind === "Service" || o.kind === "PodDisruptionBudget")) {
    const selector = object.kind === "Service" ? object.spec?.selector : object.spec?.selector?.matchLabels;
    if (!deployments.some((d) => matches(selector, d.spec?.template?.metadata?.labels))) {
      problems.push(`${object.kind}/${object.metadata?.name}: its selector matches no Deployment's pods`);
    }
  }
  return problems;
}

/** Every problem found in the manifests of folder, as lines naming the file and object. */
export async function checkFolder(folder) {
  const problems = [];
  const objects = [];
  const files = (await readdir(folder)).filter((f) => f.endsWith(".yaml")).sort();
  let listed = null;
  for (const file of files) {
    const documents = parseAllDocuments(await readFile(path.join(folder, file), "utf8"), { version: "1.1", uniqueKeys: true });
    for (const [index, document] of documents.entries()) {
      const where = `${file} (document ${index + 1})`;
      if (document.errors.length > 0) {
        problems.push(...document.errors.map((e) => `${where}: ${e.message}`));
        continue;
      }
      const data = document.toJS();
      if (data === null) {
        continue;
      }
      if (file === kustomization) {
        listed = data.resources ?? [];
        continue;
      }
      const name = `${where}: ${data.kind}/${data.metadata?.name}`;
      const Model = await modelOf(data.apiVersion, data.kind);
      if (Model === null) {
        problems.push(`${name}: no Kubernetes schema for apiVersion ${data.apiVersion}, kind ${data.kind}`);
        continue;
      }
      const error = schemaError(Model, data);
      if (error !== null) {
        problems.push(`${name}: ${error}`);
        continue;
      }
      problems.push(...unknownFields(Model, data).map((field) => `${name}: unknown field ${field}`));
      objects.push(data);
    }
  }
  if (listed === null) {
    problems.push(`${kustomization}: missing`);
  } else {
    const manifests = files.filter((f) => f !== kustomization && !f.endsWith(".example.yaml"));
    problems.push(
      ...manifests.filter((f) => !listed.includes(f)).map((f) => `${kustomization}: does not list ${f}`),
      ...listed.filter((f) => !manifests.includes(f)).map((f) => `${kustomization}: lists ${f}, which is not a manifest here`),
    );
  }
  // Objects that are not valid on their own would only add problems that follow from theirs.
  return problems.length > 0 ? problems : crossChecks(objects);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const folder = process.argv[2] ?? "deploy/kubernetes";
  const problems = await checkFolder(folder);
  for (const problem of problems) {
    console.error(`${folder}/${problem}`);
  }
  console.log(problems.length === 0 ? `${folder}: every manifest is valid` : `${folder}: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
