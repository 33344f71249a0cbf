/** Two-step card payments (captureMode "manual"): the order card's hold rows and warnings. */
export const holdEn = {
  heldAmount: "Held on the card",
  heldUntil: "Hold ends",
  capturedAmount: "Captured",
  captureHint: "Use the order's Capture to take the money: the bank takes 80–120 % of the hold, once; the rest goes back to the shopper.",
  expiringSoon: "The card hold ends {{time}}. Capture the payment before then, or the bank releases the money to the shopper.",
  expired: "The card hold ended {{time}} uncaptured: the bank released the money to the shopper and the payment is canceled. Ask the customer to pay again, or cancel the order.",
  captureMode: "Capture",
  captureAutomatic: "Automatic: the shopper's payment is taken at once",
  captureManual: "Manual: the card is held for {{count}} h; the order's Capture takes the money",
  canceledWhileHeld: "Canceled while held. The bank offers no way to release a hold early: the money stays blocked on the shopper's card until {{time}}, then the bank releases it by itself. Nothing is charged.",
}

type Strings<T> = { [K in keyof T]: string }

export const holdUk: Strings<typeof holdEn> = {
  heldAmount: "Заблоковано на картці",
  heldUntil: "Блокування до",
  capturedAmount: "Списано",
  captureHint: "Щоб отримати гроші, натисніть «Capture» у замовленні: банк списує 80–120 % заблокованої суми, один раз; решта повертається покупцю.",
  expiringSoon: "Блокування на картці закінчується {{time}}. Спишіть платіж до цього часу, інакше банк поверне гроші покупцю.",
  expired: "Блокування на картці закінчилось {{time}} без списання: банк повернув гроші покупцю, платіж скасовано. Попросіть покупця оплатити знову або скасуйте замовлення.",
  captureMode: "Списання",
  captureAutomatic: "Автоматичне: оплату покупця списано одразу",
  captureManual: "Ручне: кошти блокуються на картці на {{count}} год; «Capture» у замовленні їх списує",
  canceledWhileHeld: "Скасовано під час блокування. Банк не дає зняти блокування достроково: гроші лишаються заблокованими на картці покупця до {{time}}, потім банк сам їх розблоковує. Нічого не списано.",
}
