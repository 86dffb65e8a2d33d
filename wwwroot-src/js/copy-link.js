// "Copy invite link": copies the value of the element named by data-copy-target and says so.
for (const button of document.querySelectorAll('[data-copy-target]')) {
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.copyTarget);
    const status = document.querySelector('[data-copy-status]');
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = 'Invite link copied.';
    } catch {
      source.select();
      if (status) status.textContent = 'Select the link and copy it.';
    }
  });
}
