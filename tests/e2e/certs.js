// A throwaway certificate authority and server certificate for the fixture
// hosts, made with openssl on first use (tests/.out/tls).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const HOSTS = ["platform.openai.com", "chatgpt.com", "pay.openai.com", "js.stripe.com"];

export function certificate(dir) {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  if (!existsSync(key) || !existsSync(cert)) {
    const cnf = join(dir, "openssl.cnf");
    writeFileSync(
      cnf,
      [
        "[req]",
        "distinguished_name = dn",
        "x509_extensions = ext",
        "prompt = no",
        "[dn]",
        "CN = decline-doctor fixtures",
        "[ext]",
        "subjectAltName = " + HOSTS.map((h) => "DNS:" + h).join(","),
        "basicConstraints = CA:FALSE",
        "",
      ].join("\n"),
    );
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
      "-keyout", key, "-out", cert, "-config", cnf,
    ], { stdio: "ignore" });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
