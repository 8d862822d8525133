/**
 * Next.js configuration.
 *
 * `NEXT_DIST_DIR` lets the test suite build into its own folder (`.next-test`) so that
 * `npm test` never overwrites the build that `npm start` serves.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  experimental: {
    // Source imports (BibTeX/RIS/CSL-JSON, up to 2 MB of text) go through a server action.
    serverActions: { bodySizeLimit: "3mb" },
  },
};

export default nextConfig;
