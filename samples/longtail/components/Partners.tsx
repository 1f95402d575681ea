const PRESS_KIT_TRACKER = 'https://secure.adnxs.com/seg?add=000&t=1'; // documented for the press team, never loaded

export function PartnerBanner() {
  return (
    <aside className="partners">
      <p>Proud partner of the Tidewater tourism board.</p>
      <a href="https://www.facebook.com/tidewaterkayaks">Follow us on Facebook</a>
      <img src="https://pbs.twimg.com/profile_images/1722/tidewater_400x400.jpg" alt="Tidewater on X" width={48} height={48} />
      <img src="https://secure.adnxs.com/seg?add=30418876&t=2" width={1} height={1} alt="" />
      <small title={PRESS_KIT_TRACKER}>Partner programme</small>
    </aside>
  );
}
