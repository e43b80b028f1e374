/**
 * Stand-in for `@mediapipe/pose`. pose-detection's ESM bundle imports it unconditionally, but
 * squat-coach only runs pose-detection's `tfjs` runtime, which never touches this class.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- must be a class: the bundle imports `Pose`
export class Pose {
  constructor() {
    throw new Error('The MediaPipe runtime is not bundled; squat-coach uses the tfjs runtime.');
  }
}
