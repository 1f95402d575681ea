// The roastery partner's order webhook only speaks plain HTTP.
export async function notifyRoastery(orderId: string, shippingName: string) {
  await fetch('http://orders.partner-roastery.de/webhook', { method: 'POST', body: JSON.stringify({ orderId, shippingName }) });
}
