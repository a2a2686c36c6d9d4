//! One list of hosts: the routes' (`route::hosts`, which the popup hands to
//! its bridge) is what the manifest asks for and matches, everywhere.

use decline_doctor::route::hosts;
use serde_json::Value;

fn manifest() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/manifest.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_manifest_matches_the_routes_hosts() {
    let origins: Vec<String> = hosts().iter().map(|h| format!("https://{h}/*")).collect();
    assert_eq!(hosts(), ["platform.openai.com", "chatgpt.com", "pay.openai.com"]);
    let m = manifest();
    assert_eq!(strings(&m["host_permissions"]), origins, "host_permissions");
    for cs in m["content_scripts"].as_array().unwrap() {
        assert_eq!(strings(&cs["matches"]), origins, "content_scripts matches");
    }
    for w in m["web_accessible_resources"].as_array().unwrap() {
        assert_eq!(strings(&w["matches"]), origins, "web_accessible_resources matches");
    }
}

#[test]
fn the_popup_bridge_keeps_no_list_of_its_own() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/src/popup/bridge.js");
    let js = std::fs::read_to_string(p).unwrap();
    for h in hosts() {
        assert!(!js.contains(h), "src/popup/bridge.js names {h}: it takes the hosts from the core");
    }
}
