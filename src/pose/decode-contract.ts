/**
 * The decode worker's messages (types only). The pose worker starts a decode worker for each video
 * file (src/pose/worker/decode-client.ts); the decode worker (workers/decode.worker.ts,
 * src/pose/worker/decode-worker-api.ts) demuxes and decodes the file and sends the candidate frames
 * back, transferred, so decoding runs on its own thread while the model runs on the pose worker's.
 *
 *   pose → decode: open { file, gridFps, credit, convert, decodeUnneeded }
 *   decode → pose: opened | unsupported
 *   decode → pose: image (RGB values, transferred) or frame (VideoFrame transferred), one per credit
 *   pose → decode: credit; recycle (an image's array back, transferred, for the next conversion)
 *   decode → pose: end { framesDecoded, framesSkipped } | error { message }
 * The pose worker ends a decode worker by terminating it (its frames go with it).
 */
import type { VideoFileProbe } from './contract';

/** What opening a file found. */
export interface OpenedVideo {
  probe: VideoFileProbe;
  /** Display size (rotation applied), px. */
  widthPx: number;
  heightPx: number;
  durationMs: number;
  /** Packets in the stream's index, count. */
  packetCount: number;
}

/** A candidate frame on the sampling grid, with what the model's side needs of it. */
export interface CandidateFrame {
  frame: VideoFrame;
  /** Container rotation, degrees clockwise, and mirroring, applied when the frame is converted. */
  rotation: 0 | 90 | 180 | 270;
  flip: boolean;
  /** Media time, ms. */
  tMs: number;
  /** Pose-detection's landmark-filter clock at this frame (one tick per decoded frame), ms. */
  filterClockMs: number;
}

/** A candidate the decode worker converted for the model itself (planar YUV frames). */
export interface CandidateImage {
  /** RGB values, row by row, 3 per pixel (the worker's RgbImage, yuv-downscale.ts). */
  image: { rgb: Int32Array; width: number; height: number };
  tMs: number;
  filterClockMs: number;
  /** Time the decode worker spent converting it, and copying its planes out, ms. */
  convertMs: number;
  copyMs: number;
}

export type ToDecoder =
  /**
   * `gridFps`: the sampling grid's rate (null: every frame); `credit`: frames it may send ahead;
   * `convertToSidePx`: convert planar YUV candidates to RGB at this longest side before sending
   * (null: send every candidate as a VideoFrame); `decodeUnneeded`: decode the frames that could be
   * passed over too (FileAnalysisOptions.decodeUnneeded).
   */
  | {
      type: 'open';
      file: Blob;
      gridFps: number | null;
      credit: number;
      convertToSidePx: number | null;
      decodeUnneeded: boolean;
    }
  /** One more frame may be sent. */
  | { type: 'credit' }
  /** An image's RGB array, done with, back for reuse (transferred). */
  | { type: 'recycle'; rgb: Int32Array };

export type FromDecoder =
  | { type: 'opened'; opened: OpenedVideo }
  | { type: 'unsupported'; reason: string; probe: VideoFileProbe | null }
  | ({ type: 'frame' } & CandidateFrame)
  | ({ type: 'image' } & CandidateImage)
  /** `framesSkipped`: frames passed over undecoded (off the grid, nothing predicted from them). */
  | { type: 'end'; framesDecoded: number; framesSkipped: number }
  /** Decoding failed part-way (FileDecodeError's message), after `framesDecoded` frames. */
  | { type: 'error'; message: string; framesDecoded: number; framesSkipped: number };
