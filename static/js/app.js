// Small enhancements; every page works without them.
// A button with data-confirm asks before its form is sent: submitting and approving a
// report cannot be undone by the person who clicked.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
