// Test-harness only: a participant whose machine has no camera and no microphone.
(() => {
  const none = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
  Object.defineProperty(navigator, 'mediaDevices', {
    value: Object.assign(Object.create(MediaDevices.prototype), {
      getUserMedia: none,
      getDisplayMedia: none,
      enumerateDevices: () => Promise.resolve([]),
      addEventListener() {},
      removeEventListener() {},
    }),
  });
})();
