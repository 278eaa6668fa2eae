// Optional: show the "Imprimer" buttons and print the page; without JavaScript the browser's
// own print command does the same.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
