// Bundles the page into ../wwwroot (checked in, so running the API needs no npm step).
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const out = new URL("../wwwroot/", import.meta.url);
await rm(new URL("page/", out), { recursive: true, force: true });
await mkdir(new URL("page/", out), { recursive: true });
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outdir: new URL("page/", out).pathname,
  loader: { ".png": "file", ".svg": "file" },
  legalComments: "linked",
  logLevel: "info",
});
await copyFile("index.html", new URL("index.html", out));
