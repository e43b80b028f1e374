/**
 * Clock for pose-detection's own landmark filter, ms per processed frame. MediaPipe's solution API
 * advances its filters one 30 fps tick per frame processed, whatever the real frame rate
 * (mediapipe/python/solution_base.py), and the upstream reference tracks were made that way; we
 * feed the same per-frame clock so our landmarks match MediaPipe's (2.7 px mean on the banded clip,
 * vs 4.6 px raw, whose fingers lag the smoothed reference by up to 47 px). Real capture times still
 * travel with each frame and drive squat-coach's own time-based analysis.
 */
export const LANDMARK_FILTER_FRAME_MS = 1000 / 30;
