import { connection } from "next/server";
import { studioHealth, type Health } from "../server/services/health";
import styles from "./page.module.css";

async function readHealth(): Promise<Health | { ok: false; error: string }> {
  try {
    return await studioHealth();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export default async function HomePage() {
  await connection(); // rendered per request: the health line is live, not frozen at build time
  const health = await readHealth();
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Journey Studio</h1>
      <p className={styles.tagline}>
        Design contact-centre journeys and the scripts spoken or sent at each step, then run them on every channel.
      </p>
      <p lang="zh-CN">客户旅程与话术设计：语音、短信、微信、邮件、在线客服，一处设计，处处运行。</p>
      <p className={styles.enter}>
        {/* The studio asks for a sign-in first when there is no session (proxy.ts). */}
        <a className={styles.enterLink} href="/flows">
          Open the studio <span lang="zh-CN">进入工作室</span> →
        </a>
      </p>
      <p>
        First time here? <a href="/get-started">Your first journey, guided</a> (
        <span lang="zh-CN">第一次使用？引导你完成第一个旅程</span>): from an example to a published journey answering
        over the API in about ten minutes.
      </p>

      <section className={styles.card} aria-labelledby="status">
        <h2 id="status">Status</h2>
        {health.ok ? (
          <p className={styles.status} role="status">
            <span className={`${styles.dot} ${styles.up}`} aria-hidden />
            Running on {health.db === "pglite" ? "embedded PGlite (for trying and developing)" : "PostgreSQL"}.
          </p>
        ) : (
          <p className={styles.status} role="status">
            <span className={`${styles.dot} ${styles.down}`} aria-hidden />
            Database unavailable: {health.error}
          </p>
        )}
      </section>

      <section className={styles.card} aria-labelledby="api">
        <h2 id="api">Runtime API</h2>
        <ul className={styles.links}>
          <li>
            <a href="/api/v1/health">
              <code>GET /api/v1/health</code>
            </a>
          </li>
          <li>
            <a href="/api/v1/openapi.json">
              <code>GET /api/v1/openapi.json</code>
            </a>{" "}
            — the OpenAPI 3.1 document
          </li>
        </ul>
      </section>
    </main>
  );
}
