// Okabe & Ito's palette, told apart with every common colour-vision deficiency; every place that
// shows a colour also shows the emotion's name, so colour is never the only cue.
export const EMOTION_COLOURS = {
  angry: '#D55E00', // vermillion
  disgust: '#009E73', // bluish green
  fear: '#CC79A7', // reddish purple
  happy: '#E69F00', // orange
  sad: '#0072B2', // blue
  surprise: '#56B4E9', // sky blue
  neutral: '#999999', // grey
};
