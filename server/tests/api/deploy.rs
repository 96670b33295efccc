//! The deployment the README describes, tried for real: the shipped systemd unit passes
//! `systemd-analyze verify` and its sandboxing scores "OK"; the shipped nginx site, with a
//! certificate of the test's own, ports of its own and this build's server behind it, serves the demo
//! over HTTPS, sends plain HTTP there, keeps `/metrics` to the machine and hands the server the
//! address it saw itself, not one a client wrote into a header.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::crash::{Server, send_answer};
use crate::helpers::empty_database;

const UNIT: &str = include_str!("../../../deploy/youth-consult.service");
const SITE: &str = include_str!("../../../deploy/nginx.conf");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn run(program: &str, args: &[impl AsRef<std::ffi::OsStr>]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (scripts/test.sh installs it)"))
}

#[test]
fn the_systemd_unit_is_valid_and_well_sandboxed() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("youth-consult.service");
    std::fs::write(&unit, UNIT.replace("/opt/youth-consult/server", env!("CARGO_BIN_EXE_server")))
        .unwrap();
    let unit = unit.to_str().unwrap();
    let verified = run("systemd-analyze", &["verify", unit]);
    let complaints = String::from_utf8_lossy(&verified.stderr);
    assert!(verified.status.success() && complaints.trim().is_empty(), "{complaints}");

    let security = run("systemd-analyze", &["security", "--offline=true", unit]);
    let report = String::from_utf8_lossy(&security.stdout);
    let level: f64 = report
        .lines()
        .find_map(|l| l.split("Overall exposure level for youth-consult.service: ").nth(1))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("an exposure level in: {report}"));
    assert!(level <= 2.0, "exposure {level} (systemd calls up to 2.0 'OK'):\n{report}");
}

/// nginx on `https` (and `http`, which redirects) in front of the server on `upstream`, with
/// the shipped site as it is but for ports, name and certificate; `metrics_open` drops its
/// `/metrics` block, to see which address reaches the server. Stopped when dropped.
struct Nginx {
    process: Child,
    dir: tempfile::TempDir,
}

impl Nginx {
    fn start(certs: &Path, https: u16, http: u16, upstream: u16, metrics_open: bool) -> Self {
        let cert = |name: &str| certs.join(name).display().to_string();
        let mut site = SITE
            .replace("listen 80;", &format!("listen 127.0.0.1:{http};"))
            .replace("listen 443 ssl http2;", &format!("listen 127.0.0.1:{https} ssl http2;"))
            .replace("consult.example.org;", "localhost;")
            .replace("/etc/letsencrypt/live/consult.example.org/fullchain.pem", &cert("cert.pem"))
            .replace("/etc/letsencrypt/live/consult.example.org/privkey.pem", &cert("key.pem"))
            .replace("127.0.0.1:3000", &format!("127.0.0.1:{upstream}"))
            .lines()
            .filter(|l| !l.contains("listen [::]"))
            .collect::<Vec<_>>()
            .join("\n");
        if metrics_open {
            site = site.replace("location = /metrics {\n        return 404;\n    }", "");
            assert!(!site.contains("location = /metrics"), "the block was found and dropped");
        }
        let dir = tempfile::tempdir().unwrap();
        // nginx's workers run as another user and keep their temporary files in here.
        std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let d = dir.path().display();
        let conf = format!(
            "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{}}\nhttp {{\nclient_body_temp_path {d}/body;\nproxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\nuwsgi_temp_path {d}/uwsgi;\nscgi_temp_path {d}/scgi;\n\
             {site}\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let checked = run("nginx", &Self::args(dir.path(), &["-t"]));
        assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
        let process = Command::new("nginx")
            .args(Self::args(dir.path(), &[]))
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx starts");
        Self { process, dir }
    }

    fn args<'a>(dir: &'a Path, extra: &[&'a str]) -> Vec<String> {
        let mut args: Vec<String> = extra.iter().map(|a| a.to_string()).collect();
        let d = dir.display();
        args.extend(["-p".into(), d.to_string(), "-c".into(), format!("{d}/nginx.conf")]);
        args
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGKILL would leave the worker holding the ports: ask the master to stop them all.
        let _ = Command::new("nginx").args(Self::args(self.dir.path(), &["-s", "stop"])).output();
        let _ = self.process.wait();
    }
}

/// A certificate for `localhost` in `dir` (`cert.pem`, `key.pem`), signed by a CA made for
/// the test: the CA is what the client trusts.
fn certificate_for_localhost(dir: &Path) -> reqwest::Certificate {
    let path = |name: &str| dir.join(name).display().to_string();
    std::fs::write(dir.join("leaf.ext"), "subjectAltName=DNS:localhost\n").unwrap();
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    let steps: [Vec<String>; 3] = [
        [&["req", "-x509"][..], &key, &["-days", "1", "-subj", "/CN=Youth Consult test CA"]]
            .concat()
            .iter()
            .map(|a| a.to_string())
            .chain(["-keyout".into(), path("ca.key"), "-out".into(), path("ca.pem")])
            .collect(),
        [&["req"][..], &key, &["-subj", "/CN=localhost"]]
            .concat()
            .iter()
            .map(|a| a.to_string())
            .chain(["-keyout".into(), path("key.pem"), "-out".into(), path("leaf.csr")])
            .collect(),
        ["x509", "-req", "-days", "1", "-in", &path("leaf.csr"), "-CA", &path("ca.pem")]
            .iter()
            .map(|a| a.to_string())
            .chain(["-CAkey".into(), path("ca.key"), "-CAcreateserial".into()])
            .chain(["-extfile".into(), path("leaf.ext"), "-out".into(), path("cert.pem")])
            .collect(),
    ];
    for args in steps {
        let made = run("openssl", &args);
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }
    reqwest::Certificate::from_pem(&std::fs::read(dir.join("ca.pem")).unwrap()).unwrap()
}

/// A client that trusts only this certificate and finds `localhost` on 127.0.0.1.
fn browser(certificate: reqwest::Certificate) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(certificate)
        .resolve("localhost", ([127, 0, 0, 1], 0).into())
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn until_up(client: &reqwest::Client, url: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        match client.get(url).send().await {
            Ok(response) if response.status().is_success() => return,
            Ok(response) => last = response.status().to_string(),
            Err(error) => last = format!("{error:?}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not answer: {last}");
}

#[tokio::test]
async fn behind_the_shipped_nginx_the_demo_is_answered_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let (_postgres, database_url) = empty_database(dir.path(), "deploy").await;
    let (upstream, https, http) = (free_port(), free_port(), free_port());
    let server = Server { database_url, port: upstream };
    assert!(server.command(&["seed-demo", "--opens-in-minutes", "-1"]).status().unwrap().success());
    let public_url = format!("https://localhost:{https}");
    let mut serve = server.command(&["serve"]);
    serve
        .env("YC_PUBLIC_URL", &public_url)
        .env("YC_SECURE_COOKIES", "true")
        .env("YC_TRUSTED_PROXIES", "127.0.0.1");
    let _server = Killed(serve.spawn().expect("the server starts"));
    let certificate = certificate_for_localhost(dir.path());
    let client = browser(certificate);

    let proxy = Nginx::start(dir.path(), https, http, upstream, false);
    until_up(&client, &format!("{public_url}/healthz")).await;

    let page = client.get(format!("{public_url}/c/demo")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers().contains_key("strict-transport-security"), "HSTS over HTTPS");
    let (status, thanks) =
        send_answer(&client, &public_url, "answered through nginx").await.unwrap();
    assert_eq!(status, 200, "{thanks}");
    assert!(thanks.contains("Your receipt code"), "thanked through the proxy");

    let plain = client.get(format!("http://localhost:{http}/c/demo")).send().await.unwrap();
    assert_eq!(plain.status(), 301);
    assert_eq!(plain.headers()["location"], "https://localhost/c/demo");

    let metrics = client.get(format!("{public_url}/metrics")).send().await.unwrap();
    assert_eq!(metrics.status(), 404, "metrics are not for the internet");
    drop(proxy);

    // The same site with /metrics let through: a client claiming another address in either
    // header still reaches the server as the loopback address nginx saw, so metrics open.
    let _proxy = Nginx::start(dir.path(), https, http, upstream, true);
    until_up(&client, &format!("{public_url}/healthz")).await;
    let spoofed = client
        .get(format!("{public_url}/metrics"))
        .header("x-forwarded-for", "198.51.100.7")
        .header("forwarded", "for=198.51.100.7")
        .send()
        .await
        .unwrap();
    assert_eq!(spoofed.status(), 200, "the address nginx saw, not the one claimed");
    let text = spoofed.text().await.unwrap();
    assert!(text.contains(r#"yc_answers_total{outcome="#), "{text}");
}

/// A process killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
