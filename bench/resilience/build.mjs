// Builds the resilience corpus into dist/: one directory per screen with an
// index.html, the screen's bundle (esbuild, from the sources in screens/) and
// the libraries' own distributed files copied unmodified from node_modules.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const lib = (path) => join(here, "node_modules", path);

// name -> the library files a page loads before its bundle (copied as is), its entry.
const SCREENS = {
  mui: { title: "Orders (React + MUI)", entry: "mui.jsx", files: [] },
  element: {
    title: "Team (Vue + Element Plus)",
    entry: "element.js",
    files: ["element-plus/dist/index.css", "vue/dist/vue.global.prod.js", "element-plus/dist/index.full.min.js"],
  },
  shoelace: {
    title: "Project settings (Shoelace)",
    entry: "shoelace.js",
    files: ["@shoelace-style/shoelace/dist/themes/light.css"],
    css: ["plain.css"],
  },
  bootstrap: {
    title: "Billing (Bootstrap)",
    entry: "bootstrap.js",
    files: ["bootstrap/dist/css/bootstrap.min.css", "bootstrap/dist/js/bootstrap.bundle.min.js"],
  },
  material: { title: "Support (Material Web)", entry: "material.js", files: [], css: ["plain.css"] },
};

function page(title, files, css) {
  const base = (path) => path.split("/").pop();
  const links = [...files.filter((f) => f.endsWith(".css")).map(base), ...css]
    .map((href) => `<link rel="stylesheet" href="${href}">`);
  const scripts = files.filter((f) => f.endsWith(".js")).map((f) => `<script src="${base(f)}"></script>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${links.join("\n")}
</head><body><div id="app"></div>
${scripts.join("\n")}
<script src="app.js"></script>
</body></html>
`;
}

rmSync(dist, { recursive: true, force: true });
for (const [name, screen] of Object.entries(SCREENS)) {
  const out = join(dist, name);
  mkdirSync(out, { recursive: true });
  for (const file of screen.files) cpSync(lib(file), join(out, file.split("/").pop()));
  for (const file of screen.css ?? []) cpSync(join(here, "screens", file), join(out, file));
  await build({
    entryPoints: [join(here, "screens", screen.entry)],
    bundle: true,
    minify: true,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    outfile: join(out, "app.js"),
    logLevel: "warning",
  });
  writeFileSync(join(out, "index.html"), page(screen.title, screen.files, screen.css ?? []));
}
