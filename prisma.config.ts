import { defineConfig } from "prisma/config";

/**
 * Prisma CLI configuration. The project applies migrations with its own scripts
 * (`npm run db:migrate`), so the URL here only matters to a developer who runs Prisma's CLI by hand
 * with internet access.
 */
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
