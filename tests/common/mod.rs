//! Evidence shared by the integration tests: decline messages as real pages
//! and Stripe's own string files show them, each with the reason and
//! language it states. Written from the sources (see the knowledge's
//! `source` entries and ../shared/research), never from the tables under test.

use decline_doctor::knowledge::{Lang, Reason};

/// Every reason and language, from the strings Stripe's web pages and SDKs
/// show (research file §1.2-1.3 and Stripe's SDK string files).
pub const DECLINES: &[(&str, Reason, Lang)] = {
    use Lang::*;
    use Reason::*;
    &[
        ("Your card was declined for making repeated attempts too frequently or exceeding its amount limit.", TooManyAttempts, En),
        ("We are unable to authenticate your payment method. Please choose a different payment method and try again.", AuthenticationFailed, En),
        ("Timed out authenticating your payment method -- try again", AuthenticationFailed, En),
        ("An error occurred while processing your card. Try again in a little bit.", ProcessingError, En),
        ("There was an error processing your card -- try again in a few seconds", ProcessingError, En),
        ("Your card has expired.", ExpiredCard, En),
        ("Your card's expiration year is in the past.", IncorrectExpiry, En),
        ("Your card\u{2019}s expiration date is invalid.", IncorrectExpiry, En),
        ("Your card's security code is incomplete.", IncorrectCvc, En),
        ("Your card's security code is incorrect.", IncorrectCvc, En),
        ("Your card number is invalid.", IncorrectNumber, En),
        ("Your card number is incorrect.", IncorrectNumber, En),
        ("Your postal code is invalid.", IncorrectZip, En),
        ("Your card has insufficient funds.", InsufficientFunds, En),
        ("Your card does not support this type of purchase.", CardNotSupported, En),
        ("Your card is not supported. Please use a different card.", CardNotSupported, En),
        // Stripe Checkout's web wording (QA logs driving Checkout with test
        // cards): the reason is in the first clause, the debit-card sentence
        // is advice.
        ("Your credit card was declined. Try paying with a debit card instead.", GenericDecline, En),
        ("Your credit card was declined because of insufficient funds. Try paying with a debit card instead.", InsufficientFunds, En),
        ("Your card is expired. Try a different card.", ExpiredCard, En),
        ("Your card's CVC is incorrect.", IncorrectCvc, En),
        ("Your card\u{2019}s CVC is incorrect.", IncorrectCvc, En),
        ("An error occurred while processing your card. Try again.", ProcessingError, En),
        ("Your card has been declined.", GenericDecline, En),
        // Payment Element / API wordings (app tests, recorded responses).
        ("Your card has insufficient funds. Try a different card.", InsufficientFunds, En),
        ("The zip code you supplied failed validation.", IncorrectZip, En),
        // Localized Checkout and Stripe.js wordings (developers' notes, QA
        // logs, first-hand user quotes; ../shared/research).
        ("您的信用卡被拒绝了。请尝试用借记卡支付。", GenericDecline, ZhCn),
        ("クレジットカードが拒否されました。デビットカードでの支払いをお試しください。", GenericDecline, Ja),
        ("Se ha rechazado tu tarjeta de crédito. Intenta pagar con una tarjeta de débito.", GenericDecline, Es),
        ("Se rechazó tu tarjeta de crédito. Intenta pagar con una tarjeta de débito.", GenericDecline, Es),
        ("Se rechazó tu tarjeta de crédito debido a que no tiene fondos suficientes. Intenta pagar con una tarjeta de débito.", InsufficientFunds, Es),
        ("Tu tarjeta fue rechazada.", GenericDecline, Es),
        ("Votre carte ne dispose pas de fonds suffisants.", InsufficientFunds, Fr),
        ("Votre carte a expiré.", ExpiredCard, Fr),
        ("Ihre Kartennummer ist ungültig.", IncorrectNumber, De),
        ("Der Sicherheitscode Ihrer Karte ist ungültig.", IncorrectCvc, De),
        ("Seu cartão foi recusado", GenericDecline, PtBr),
        ("Ваша кредитная карта была отклонена, так как на ней недостаточно средств. Попробуйте вместо этого заплатить дебетовой картой.", InsufficientFunds, Ru),
        ("Your card does not support this currency.", CurrencyNotSupported, En),
        ("您的卡号不完整。", IncorrectNumber, ZhCn),
        ("您的银行卡已过期", ExpiredCard, ZhCn),
        ("处理您的卡时发生错误 —— 请稍后再试", ProcessingError, ZhCn),
        ("我们未能验证您的支付方式。请选择另一支付方式并重试。", AuthenticationFailed, ZhCn),
        ("付款未获批准。", GenericDecline, ZhCn),
        ("您的卡已被拒絕", GenericDecline, ZhTw),
        ("您的金融卡安全碼無效。", IncorrectCvc, ZhTw),
        ("驗證您的付款方式時逾時 -- 請重試", AuthenticationFailed, ZhTw),
        ("クレジットカードが拒否されました", GenericDecline, Ja),
        ("クレジットカードの有効期限が切れています", ExpiredCard, Ja),
        ("カードの有効期限の年が無効です。", IncorrectExpiry, Ja),
        ("카드가 거절되었습니다", GenericDecline, Ko),
        ("귀하의 카드에 자금이 부족합니다.", InsufficientFunds, Ko),
        ("카드 번호가 잘못되었습니다.", IncorrectNumber, Ko),
        ("Tu tarjeta ha sido rechazada.", GenericDecline, Es),
        ("La tarjeta ha sido rechazada", GenericDecline, Es),
        ("El número de tu tarjeta no es válido.", IncorrectNumber, Es),
        ("El número de tu tarjeta está incompleto.", IncorrectNumber, Es),
        ("El año de caducidad de tu tarjeta ya ha pasado.", IncorrectExpiry, Es),
        ("La tarjeta ha caducado", ExpiredCard, Es),
        ("Votre carte a été refusée.", GenericDecline, Fr),
        ("Votre numéro de carte est incomplet.", IncorrectNumber, Fr),
        ("Le code de sécurité de votre carte bancaire n\u{2019}est pas valide.", IncorrectCvc, Fr),
        ("Ihre Karte wurde abgelehnt.", GenericDecline, De),
        ("Ihre Karte ist abgelaufen.", ExpiredCard, De),
        ("Fehler bei der Verarbeitung Ihrer Karte – versuchen Sie es in ein paar Sekunden noch einmal.", ProcessingError, De),
        ("O cartão foi recusado", GenericDecline, PtBr),
        ("Código de segurança inválido.", IncorrectCvc, PtBr),
        ("Ano de validade inválido.", IncorrectExpiry, PtBr),
        ("Карта отклонена", GenericDecline, Ru),
        ("На карте недостаточно средств.", InsufficientFunds, Ru),
        ("Срок действия карты истёк", ExpiredCard, Ru),
        ("Код CVV/CVC карты недействителен.", IncorrectCvc, Ru),
        ]
};
