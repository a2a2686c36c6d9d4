//! Which pages the extension acts on (`src/knowledge/routes.toml`).

use crate::knowledge::{RouteDef, ROUTES};

/// The billing route a URL's host, path and fragment belong to. A route
/// with a fragment (a dialog over any page) beats one without; then the
/// longest path prefix that ends at a segment boundary wins ("/" matches
/// every path). `None`: not a billing page, or a transition page to leave
/// alone: do nothing.
pub fn route(host: &str, path: &str, hash: &str) -> Option<&'static RouteDef> {
    ROUTES
        .iter()
        .filter(|r| r.host.eq_ignore_ascii_case(host))
        .filter(|r| r.hash.is_empty() || hash.starts_with(r.hash))
        .filter(|r| {
            r.path == "/"
                || match path.strip_prefix(r.path) {
                    Some(rest) => rest.is_empty() || rest.starts_with('/'),
                    None => false,
                }
        })
        .max_by_key(|r| (!r.hash.is_empty(), r.path.len()))
        .filter(|r| !r.ignore)
}

/// The hosts the extension runs on, each once (the routes' hosts): the
/// popup's list, and what the manifest must match (tests/hosts.rs).
pub fn hosts() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in ROUTES {
        if !out.contains(&r.host) {
            out.push(r.host);
        }
    }
    out
}

/// The billing system a host belongs to (on any of its pages).
pub fn system_of_host(host: &str) -> Option<crate::vocab::System> {
    ROUTES.iter().find(|r| r.host.eq_ignore_ascii_case(host)).map(|r| r.system)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Page, System};

    fn page(host: &str, path: &str) -> Option<(System, Page)> {
        route(host, path, "").map(|r| (r.system, r.page))
    }

    #[test]
    fn billing_and_checkout_routes() {
        use Page::*;
        use System::*;
        let p = "platform.openai.com";
        assert_eq!(page(p, "/settings/organization/billing/overview"), Some((Api, Overview)));
        assert_eq!(page(p, "/settings/organization/billing/payment-methods"), Some((Api, PaymentMethods)));
        assert_eq!(page(p, "/settings/organization/billing/history"), Some((Api, Other)));
        assert_eq!(page(p, "/account/billing"), Some((Api, Overview)));
        assert_eq!(page(p, "/account/billing/payment-methods"), Some((Api, PaymentMethods)));
        assert_eq!(page("chatgpt.com", "/checkout/openai_llc/cs_live_a1b2"), Some((Chatgpt, Checkout)));
        assert_eq!(page("pay.openai.com", "/c/pay/cs_live_a1b2"), Some((Chatgpt, Checkout)));
    }

    #[test]
    fn hosts_belong_to_one_billing_system() {
        assert_eq!(system_of_host("platform.openai.com"), Some(System::Api));
        assert_eq!(system_of_host("chatgpt.com"), Some(System::Chatgpt));
        assert_eq!(system_of_host("pay.openai.com"), Some(System::Chatgpt));
        assert_eq!(system_of_host("example.com"), None);
    }

    #[test]
    fn the_portal_settings_billing_and_the_transition_page() {
        use crate::vocab::{Action, Scope};
        let portal = route("pay.openai.com", "/p/session/live_YWNjdF8xSE", "").unwrap();
        assert_eq!((portal.page, portal.action), (Page::Portal, Action::UpdateCard));
        assert_eq!(route("pay.openai.com", "/p/login/aEU5ab", "").map(|r| r.page), Some(Page::Portal));
        // Settings → Billing over a conversation: the dialog only.
        let settings = route("chatgpt.com", "/c/6740a1b2-0000", "#settings/Billing").unwrap();
        assert_eq!((settings.page, settings.scope), (Page::SettingsBilling, Scope::Dialog));
        assert_eq!(route("chatgpt.com", "/", "#settings/Billing").map(|r| r.page), Some(Page::SettingsBilling));
        assert!(route("chatgpt.com", "/c/6740a1b2-0000", "#settings/General").is_none());
        // After paying, ChatGPT passes through /checkout/verify: nothing to do.
        assert!(route("chatgpt.com", "/checkout/verify", "").is_none());
        let checkout = route("chatgpt.com", "/checkout/openai_ie/cs_live_a1", "").unwrap();
        assert_eq!((checkout.page, checkout.action), (Page::Checkout, Action::Subscribe));
    }

    #[test]
    fn everything_else_is_left_alone() {
        assert_eq!(page("chatgpt.com", "/"), None);
        assert_eq!(page("chatgpt.com", "/c/6740a1b2-0000"), None);
        assert_eq!(page("chatgpt.com", "/checkoutx"), None);
        assert_eq!(page("platform.openai.com", "/playground"), None);
        assert_eq!(page("platform.openai.com", "/settings/organization/billingx"), None);
        assert_eq!(page("evil.example", "/settings/organization/billing/overview"), None);
    }
}
