// "Copy invite link": any button with data-copy-target="<input id>" copies that input's value and
// says so in the page's [data-copy-status] live region.

const STATUS_MS = 3000;

async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No async clipboard (or no permission): select the text so the person can copy it themselves.
    input.focus();
    input.select();
    return false;
  }
}

export function wireCopyButtons(root = document) {
  const status = root.querySelector('[data-copy-status]');
  let timer = 0;
  for (const button of root.querySelectorAll('[data-copy-target]')) {
    button.addEventListener('click', async () => {
      const input = document.getElementById(button.dataset.copyTarget);
      if (!input) return;
      const copied = await copy(input.value, input);
      if (!status) return;
      status.textContent = copied ? 'Invite link copied' : 'Press Ctrl+C to copy the selected link';
      clearTimeout(timer);
      timer = setTimeout(() => { status.textContent = ''; }, STATUS_MS);
    });
  }
}

wireCopyButtons();
