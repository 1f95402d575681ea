// Hand-rolled "offers by email" banner on the back-office login page.
document.getElementById('offers-yes').addEventListener('click', function () {
  localStorage.setItem('marketingConsent', 'true');
  document.getElementById('offers-banner').hidden = true;
});

document.getElementById('offers-no').addEventListener('click', function () {
  localStorage.setItem('marketingConsent', 'false');
  document.getElementById('offers-banner').hidden = true;
});
