// The meeting page's one LocalMedia: the lobby previews the very tracks the call then sends. Its own
// module so that the page's entry (meeting.js) and the call's code (room.js), loaded later, share it.

import { LocalMedia } from './media.js';

export const media = new LocalMedia();
