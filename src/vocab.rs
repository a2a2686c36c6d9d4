//! The vocabulary every other module speaks: which billing system and page,
//! what was being paid for, what the page shows about the account, and the
//! facts a line of page text can state. A leaf: it imports nothing of the
//! crate, so the modules that use it never import each other in a circle.
//!
//! Each enum is written once, with its ids (the strings the knowledge data,
//! storage and the DOM contract use). `build.rs` includes this file to check
//! the data's ids against the same lists.

/// An enum with an id per variant: `ALL`, `IDS`, `id()`, `from_id()`, and
/// serde as the id string. Every enum of ids in the crate (and in the
/// build script) is written with it.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The ids, in the order of `ALL`.
            pub const IDS: &'static [&'static str] = &[$($id,)+];
            pub fn id(self) -> &'static str {
                Self::IDS[self as usize]
            }
            pub fn from_id(id: &str) -> Option<Self> {
                Self::IDS.iter().position(|x| *x == id).map(|i| Self::ALL[i])
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let id = <std::string::String as serde::Deserialize>::deserialize(d)?;
                Self::from_id(&id).ok_or_else(|| serde::de::Error::unknown_variant(&id, Self::IDS))
            }
        }
    };
}
#[allow(unused_imports)] // the build script includes this file and may not use it
pub(crate) use vocabulary;

vocabulary! {
    /// Which billing system a page belongs to. The API platform and ChatGPT
    /// are billed separately, so facts read on one never apply to the other.
    pub enum System {
        Api = "api",
        Chatgpt = "chatgpt",
    }
}

vocabulary! {
    /// Which billing page (see routes.toml).
    pub enum Page {
        Overview = "overview",
        PaymentMethods = "payment_methods",
        Checkout = "checkout",
        /// Stripe's customer portal for ChatGPT subscriptions.
        Portal = "portal",
        /// ChatGPT's Settings → Billing dialog.
        SettingsBilling = "settings_billing",
        Other = "other",
    }
}

vocabulary! {
    /// What was being paid for when the card was declined (`data-action`):
    /// the same "Your card was declined." means different things when a card
    /// is added (the temporary authorization failed), at the first purchase,
    /// at a top-up with a saved card, at a ChatGPT subscription, or when a
    /// subscription's card is changed.
    pub enum Action {
        AddCard = "add_card",
        FirstPurchase = "first_purchase",
        TopUp = "top_up",
        Subscribe = "subscribe",
        UpdateCard = "update_card",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// What part of a page the extension reads.
    pub enum Scope {
        Page = "page",
        /// Only inside the open dialog (ChatGPT's Settings over a conversation).
        Dialog = "dialog",
    }
}

vocabulary! {
    /// Whether a card is set as the default.
    pub enum DefaultCard {
        Set = "set",
        Missing = "missing",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// Whether auto recharge is on.
    pub enum AutoRecharge {
        On = "on",
        Off = "off",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// A yes/no the page may not tell.
    pub enum Known {
        Yes = "yes",
        No = "no",
        Unknown = "unknown",
    }
}

vocabulary! {
    /// What a page-fact entry of facts.toml says (see [`Fact`]).
    pub enum FactKind {
        DefaultBadge = "default_badge",
        SetAsDefault = "set_as_default",
        AutoRechargeOff = "auto_recharge_off",
        AutoRechargeOn = "auto_recharge_on",
        AutoRechargeToggle = "auto_recharge_toggle",
        Expiry = "expiry",
        CreditBalance = "credit_balance",
        NoBillingPlan = "no_billing_plan",
        Success = "success",
        Action = "action",
        /// Only a control the steps point at ("Show me"): its `control`.
        Control = "control",
    }
}

vocabulary! {
    /// A control of the page a step points at ("Show me"): the page's own
    /// button, tab or part of a form (`facts.toml` names its texts,
    /// `steps.toml` which steps it serves).
    pub enum Control {
        SetDefault = "set_default",
        AutoRecharge = "auto_recharge",
        PaymentMethods = "payment_methods",
        BillingAddress = "billing_address",
    }
}

vocabulary! {
    /// How a page-fact entry's text is matched.
    pub enum FactMatch {
        /// The whole piece is the text.
        Piece = "piece",
        /// The piece starts with the text and a value follows.
        Prefix = "prefix",
        /// The piece holds the text.
        Contains = "contains",
    }
}

/// The current year and month, as the page's clock gives them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

/// One thing a billing page shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fact {
    DefaultBadge,
    SetAsDefault,
    /// A status that shows auto recharge on (`true`) or off.
    AutoRecharge(bool),
    /// The label of an auto-recharge switch (its state is read by the shell).
    AutoRechargeToggle,
    /// A card's expiry month.
    Expiry(YearMonth),
    /// The credit balance label, with the amount when it is in the same piece.
    CreditBalance(Option<i64>),
    /// A dollar amount standing alone (a balance candidate), in cents.
    Amount(i64),
    /// "You have not started a billing plan yet".
    NoBillingPlan,
    /// A payment went through ("Payment successful").
    Success,
    /// Text naming what is being paid for (a dialog's title).
    Action(Action),
    /// A control the steps point at: the index of its entry in `FACTS`.
    Control(u16),
}
